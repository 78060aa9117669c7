CREATE TABLE addresses (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    city        VARCHAR(100) NOT NULL,
    zip         VARCHAR(20)
);
