UPDATE customers SET email = LOWER(email);
