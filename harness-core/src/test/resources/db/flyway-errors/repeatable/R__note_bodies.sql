CREATE VIEW note_bodies AS SELECT id, body FROM notes;
