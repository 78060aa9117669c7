CREATE TABLE departments (
    id         BIGINT PRIMARY KEY,
    name       VARCHAR(80) NOT NULL,
    manager_id BIGINT
);
CREATE TABLE employees (
    id            BIGINT PRIMARY KEY,
    department_id BIGINT NOT NULL,
    name          VARCHAR(100) NOT NULL,
    CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id)
);
ALTER TABLE departments ADD CONSTRAINT fk_departments_manager FOREIGN KEY (manager_id) REFERENCES employees (id);
