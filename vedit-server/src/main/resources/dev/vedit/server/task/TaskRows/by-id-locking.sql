-- One task read to be remembered (embedded H2 only, see QueryReplies): FOR UPDATE waits for a transaction that is
-- changing the row to commit and then reads the new row, so a change whose trigger has already fired can never be
-- read in its old state and remembered.
SELECT * FROM tasks WHERE id = ? FOR UPDATE
