SELECT endpoint, status, COUNT(*) FROM tasks GROUP BY endpoint, status
