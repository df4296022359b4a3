import { registerDecorator, ValidationOptions } from 'class-validator';

/** A BCP 47 language tag that `Intl` accepts (`en`, `es`, `zh-Hans`, `ht`, ...). */
export function IsBcp47(options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isBcp47',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a BCP 47 language tag such as "en", "es" or "zh-Hans"`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
          try {
            return Intl.getCanonicalLocales(value).length === 1;
          } catch {
            return false;
          }
        },
      },
    });
  };
}

/** An IANA time zone name (`America/Chicago`). */
export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as "America/Chicago"`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            new Intl.DateTimeFormat('en', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
      },
    });
  };
}

/** An object whose keys are BCP 47 tags and whose values are non-empty strings (`{ es: "...", vi: "..." }`). */
export function IsLanguageMap(options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isLanguageMap',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must map BCP 47 language tags to non-empty texts of at most 500 characters`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          return Object.entries(value).every(
            ([key, text]) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(key) && typeof text === 'string' && text.trim().length > 0 && text.length <= 500,
          );
        },
      },
    });
  };
}
