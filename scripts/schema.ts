// npm run schema: regenerate db/schema.sql from the migrations.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, currentSchema } from '../db/schema-dump.ts';

writeFileSync(SCHEMA_FILE, currentSchema());
console.log(`wrote ${fileURLToPath(SCHEMA_FILE)}`);
