-- Planned with V2, shipped before it: users without a bio get an empty one.
update users set bio = '' where bio is null
