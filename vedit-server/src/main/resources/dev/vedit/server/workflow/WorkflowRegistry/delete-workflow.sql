DELETE FROM workflows WHERE id = :id
