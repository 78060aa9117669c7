-- Generated columns read keys of a JSON document: the keys must be there, with values of the right type, or the
-- stored NOT NULL columns refuse every row.
CREATE TABLE documents (
    id      BIGINT PRIMARY KEY,
    body    JSONB NOT NULL,
    deleted BOOLEAN GENERATED ALWAYS AS ((body ->> 'deleted')::boolean) STORED NOT NULL,
    pages   INT GENERATED ALWAYS AS ((body ->> 'pages')::int) STORED NOT NULL,
    title   TEXT GENERATED ALWAYS AS (body ->> 'title') STORED
);
