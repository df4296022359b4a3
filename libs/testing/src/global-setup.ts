import { setupDatabase } from '../../database/src/setup/setup';
import { TEST_ADMIN_URL, TEST_DATABASE_URL } from './test-env';

/** Jest global setup: the test database and application role exist and are migrated. */
export default async function globalSetup(): Promise<void> {
  await setupDatabase({ databaseUrl: TEST_DATABASE_URL, adminUrl: TEST_ADMIN_URL });
}
