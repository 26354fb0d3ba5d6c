-- The embedded database only (Database.open adds this folder for H2). An identity column hands out numbers from a
-- cache and writes the cache's end to the store whenever it runs out, in a commit of its own: with H2's cache of 32
-- that was a store write every 32 task events, which took a quarter as much CPU again as the submits' own group
-- commits (issue 15). After a crash H2 goes on past the cache's end: ids stay unique and increasing, with a gap.
-- Not on PostgreSQL, whose identity caches are per session: ids from two sessions would no longer follow their order.
ALTER TABLE task_events ALTER COLUMN id SET CACHE 1024;
ALTER TABLE webhook_deliveries ALTER COLUMN id SET CACHE 1024;
