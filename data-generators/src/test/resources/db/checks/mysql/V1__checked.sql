CREATE TABLE checked (
    id       BIGINT PRIMARY KEY,
    price    NUMERIC(10, 2) NOT NULL,
    status   VARCHAR(20) NOT NULL,
    code     VARCHAR(40) NOT NULL,
    delta    INT NOT NULL,
    quantity INT NOT NULL,
    CONSTRAINT chk_price CHECK (price > 0 AND price <> 5),
    CONSTRAINT chk_status CHECK (status IN ('NEW', 'PAID')),
    CONSTRAINT chk_code CHECK (char_length(code) > 3),
    CONSTRAINT chk_delta CHECK (delta > -1 AND delta BETWEEN -5 AND 10),
    CONSTRAINT chk_quantity CHECK (quantity BETWEEN 1 AND 3)
);
