-- Embedded H2 only (a Java trigger; PostgreSQL runs no Java): tells the JVM holding the database file that a key
-- changed, inside the changing statement (KeyChangeTrigger, KeyCache).
CREATE TRIGGER IF NOT EXISTS api_keys_changed AFTER UPDATE, DELETE ON api_keys FOR EACH ROW CALL "dev.vedit.server.auth.KeyChangeTrigger"
