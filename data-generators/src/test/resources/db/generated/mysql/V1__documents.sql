-- Generated columns read keys of a JSON document: the keys must be there, with values of the right type, or the
-- checks on them refuse every row (the MySQL family puts no NOT NULL on a generated column).
CREATE TABLE documents (
    id      BIGINT PRIMARY KEY,
    body    JSON NOT NULL,
    deleted BOOLEAN AS (JSON_VALUE(body, '$.deleted') = 'true') STORED,
    pages   INT AS (JSON_VALUE(body, '$.pages')) STORED,
    title   VARCHAR(200) AS (JSON_VALUE(body, '$.title')) VIRTUAL,
    CONSTRAINT ck_documents_read CHECK (deleted IS NOT NULL AND pages IS NOT NULL)
);
