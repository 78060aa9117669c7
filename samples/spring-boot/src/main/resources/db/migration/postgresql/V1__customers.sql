CREATE TABLE customers (
    id    BIGINT PRIMARY KEY,
    email VARCHAR(200) NOT NULL
);
GRANT SELECT ON customers TO ${app_role};
