-- Embedded H2 only: the database file as H2 names it, which KeyChangeTrigger reports changes under.
SELECT DATABASE_PATH()
