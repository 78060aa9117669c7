-- The shape production had when V3 shipped: customers, their orders and lines, and three
-- orders from the legacy import whose customers had been deleted years ago (9001, 9002).
INSERT INTO customers (id, email, name, created_at) VALUES
    (1, 'ada.lovelace@example.com',   'Ada Lovelace',   '2021-03-04 10:00:00'),
    (2, 'grace.hopper@example.com',   'Grace Hopper',   '2021-06-11 09:30:00'),
    (3, 'alan.turing@example.com',    'Alan Turing',    '2022-01-20 16:45:00'),
    (4, 'edsger.dijkstra@example.com','Edsger Dijkstra','2022-08-02 08:15:00'),
    (5, 'barbara.liskov@example.com', 'Barbara Liskov', '2023-02-14 12:00:00');

INSERT INTO orders (id, customer_id, ordered_at, status, total) VALUES
    (100, 1,    '2023-01-05 11:00:00', 'DELIVERED', 59.90),
    (101, 1,    '2023-04-18 15:20:00', 'DELIVERED', 12.50),
    (102, 2,    '2023-05-01 09:00:00', 'SHIPPED',   230.00),
    (103, 3,    '2023-07-23 18:30:00', 'CANCELLED', 45.00),
    (104, 4,    '2024-02-10 10:10:00', 'PENDING',   99.99),
    (105, 5,    '2024-03-03 13:45:00', 'DELIVERED', 15.00),
    (106, 9001, '2019-11-30 08:00:00', 'DELIVERED', 80.00),
    (107, 9001, '2019-12-02 08:05:00', 'DELIVERED', 20.00),
    (108, 9002, '2020-01-15 17:00:00', 'CANCELLED', 42.00);

INSERT INTO order_lines (id, order_id, sku, quantity, unit_price) VALUES
    (1000, 100, 'BOOK-ENGINE',  1, 59.90),
    (1001, 101, 'PEN-BLUE',     5,  2.50),
    (1002, 102, 'KEYBOARD',     1, 230.00),
    (1003, 103, 'MUG',          3, 15.00),
    (1004, 104, 'LAMP',         1, 99.99),
    (1005, 105, 'NOTEBOOK',     2,  7.50),
    (1006, 106, 'PRINTER-INK',  2, 40.00),
    (1007, 107, 'PAPER-A4',     4,  5.00),
    (1008, 108, 'CABLE-USB',    6,  7.00);
