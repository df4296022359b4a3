import { HttpException } from '@nestjs/common';
import express, { RequestHandler, Response } from 'express';

const FAILURE = 'porchlight:bodyFailure';

/**
 * JSON bodies, and the form-encoded bodies of Twilio's webhooks (signatures are computed over the
 * decoded fields). A body that cannot be read is not answered here: the failure waits on the
 * response until the guards have run (`bodyFailure`), so a caller without a token gets 401, not a
 * description of what is wrong with its body.
 */
export function bodyParsers(maxBytes: number): RequestHandler[] {
  return [deferFailure(express.json({ limit: maxBytes })), deferFailure(express.urlencoded({ extended: false, limit: maxBytes, parameterLimit: 200 }))];
}

/** The request's unreadable body as an HTTP error in the API's shape, if it had one. */
export function bodyFailure(response: Response): HttpException | undefined {
  return response.locals[FAILURE] as HttpException | undefined;
}

function deferFailure(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (error?: unknown) => {
      if (error) {
        res.locals[FAILURE] = toHttpError(error);
        req.body = undefined;
      }
      next();
    });
}

function toHttpError(error: unknown): HttpException {
  const failure = error as { type?: string; status?: number };
  const [statusCode, message] =
    failure.type === 'entity.too.large'
      ? [413, 'request body is too large']
      : failure.type === 'entity.parse.failed'
        ? [400, 'request body is not valid JSON']
        : [failure.status && failure.status >= 400 && failure.status < 500 ? failure.status : 400, 'request body could not be read'];
  return new HttpException({ message }, statusCode);
}
