CREATE TABLE greetings (
    id   INT PRIMARY KEY,
    text VARCHAR(50) NOT NULL DEFAULT '${default_greeting}'
);
INSERT INTO greetings (id) VALUES (1);
