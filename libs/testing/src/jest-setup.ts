import { Logger } from '@nestjs/common';

// Specs assert behaviour; routine log lines would only bury the failures.
Logger.overrideLogger(['error']);
