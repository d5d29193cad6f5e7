-- Slow on purpose: a kill is likely to land inside this migration's transaction.
CREATE TABLE filler AS
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000)
SELECT x, randomblob(100) AS payload FROM n;
