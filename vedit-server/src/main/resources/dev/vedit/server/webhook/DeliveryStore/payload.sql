SELECT payload FROM webhook_deliveries WHERE id = :id
