-- Embedded H2 only: the database file as H2 names it, which TaskChangeTrigger reports changes under.
SELECT DATABASE_PATH()
