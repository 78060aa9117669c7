CREATE TABLE checked (
    id       BIGINT PRIMARY KEY,
    price    NUMERIC(10, 2) NOT NULL CONSTRAINT chk_price CHECK (price > 0 AND price <> 5),
    status   VARCHAR(20) NOT NULL CONSTRAINT chk_status CHECK (status IN ('NEW', 'PAID')),
    code     VARCHAR(40) NOT NULL CONSTRAINT chk_code CHECK (char_length(code) > 3),
    delta    INT NOT NULL CONSTRAINT chk_delta CHECK (delta > -1 AND delta BETWEEN -5 AND 10),
    quantity INT NOT NULL CONSTRAINT chk_quantity CHECK (quantity BETWEEN 1 AND 3)
);
