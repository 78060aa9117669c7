CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total       NUMERIC(10, 2) NOT NULL
);
GRANT SELECT ON orders TO ${app_role};
