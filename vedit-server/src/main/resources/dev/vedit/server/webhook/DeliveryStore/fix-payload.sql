-- The body is fixed at the first attempt; later attempts send the same bytes.
UPDATE webhook_deliveries SET payload = :payload WHERE id = :id AND payload IS NULL
