UPDATE orders SET channel = 'web' WHERE channel IS NULL;
