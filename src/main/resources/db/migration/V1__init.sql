CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE t(id int primary key);
