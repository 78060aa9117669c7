-- Realistic rows leave some nicknames NULL: this fails on them, a true data dependence.
ALTER TABLE customers MODIFY nickname VARCHAR(50) NOT NULL;
