import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../api/client';

/**
 * What the API said was wrong: with `field`, only the problems it names for that field (shown
 * beside it); without, the message and every problem, as an alert.
 */
export function ProblemList({ error, field }: { error: Error; field?: string }) {
  const details = error instanceof ApiError ? error.details : [];
  if (field) {
    const mine = details.filter((d) => d.field === field || d.field.startsWith(`${field}.`));
    return mine.length ? <>{mine.map((d) => d.message).join('; ')}</> : null;
  }
  return (
    <Alert color="red" role="alert">
      <Text>{error.message}</Text>
      {details.length > 0 && (
        <List size="sm">
          {details.map((d) => (
            <List.Item key={`${d.field}:${d.message}`}>
              {d.field}: {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The problems the API named for `field` (and its sub-fields), as one line for an input's `error`; undefined when none. */
export function fieldProblem(error: Error | null, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const mine = error.details.filter((d) => d.field === field || d.field.startsWith(`${field}.`));
  return mine.length ? mine.map((d) => d.message).join('; ') : undefined;
}
