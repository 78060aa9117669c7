-- INT to BIGINT copies the table; LOCK=SHARED keeps writes out while it does
ALTER TABLE items MODIFY qty BIGINT NOT NULL, ALGORITHM=COPY, LOCK=SHARED;
