import { DynamicModule, Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { ControlController } from './control.controller';
import { MessagesController, SANDBOX_OPTIONS, SandboxOptions } from './messages.controller';
import { SandboxState } from './sandbox-state';

@Module({})
export class SandboxModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [AccountsController, MessagesController, ControlController],
      providers: [SandboxState, { provide: SANDBOX_OPTIONS, useValue: options }],
    };
  }
}
