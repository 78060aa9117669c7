CREATE TABLE notes (id INT, body VARCHAR(200));
