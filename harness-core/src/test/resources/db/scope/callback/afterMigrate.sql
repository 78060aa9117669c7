-- a callback Flyway runs after every migrate: its statements are no migration's
DELETE FROM audit;
