-- copied from a dump that recreated the whole server
DROP DATABASE IF EXISTS postgres;
