CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(200));
CREATE INDEX ix_notes_body ON notes (body);
