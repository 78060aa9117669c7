-- A "tidy-up" that changes more than anyone meant.
UPDATE orders SET total = ROUND(total, 0);
DELETE FROM order_notes WHERE note LIKE '%gift%';
