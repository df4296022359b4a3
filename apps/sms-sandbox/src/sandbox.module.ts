import { DynamicModule, Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { ControlController } from './control.controller';
import { MessagesController } from './messages.controller';
import { SANDBOX_OPTIONS, SandboxMessages, SandboxOptions } from './sandbox-messages';
import { SandboxState } from './sandbox-state';

@Module({})
export class SandboxModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [AccountsController, MessagesController, ControlController],
      providers: [SandboxState, SandboxMessages, { provide: SANDBOX_OPTIONS, useValue: options }],
    };
  }
}
