-- Every column: DeliveryStore maps them by name.
SELECT * FROM webhook_deliveries WHERE id = :id
