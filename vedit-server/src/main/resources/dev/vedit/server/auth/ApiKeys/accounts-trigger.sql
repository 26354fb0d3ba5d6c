-- Embedded H2 only: an account's limits or operator flag changed (KeyChangeTrigger, KeyCache).
CREATE TRIGGER IF NOT EXISTS accounts_changed AFTER UPDATE, DELETE ON accounts FOR EACH ROW CALL "dev.vedit.server.auth.KeyChangeTrigger"
