CREATE TABLE notes (id INT);
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql
BEGIN ATOMIC
    SELECT count(*) FROM notes;
