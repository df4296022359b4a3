import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@porchlight/contracts';

/** Response shapes of the sign-in routes, for the OpenAPI description. */

export class SessionUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
  @ApiProperty({ description: 'when the session ends and the user signs in again' }) expiresAt: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'send as `Authorization: Bearer …`' }) accessToken: string;
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
}
