CREATE TABLE ${team}_notes (id INT);
