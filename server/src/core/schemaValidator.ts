import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A lazily compiled ajv validator for one of the project's JSON schemas. ajv compiles to code, which takes far
 * longer than validating, so each schema is compiled once per process, on first use. `strict: false` because the
 * schemas carry `markdownDescription` for editors, which ajv does not know.
 */
export function lazyValidator(schema: object): () => ValidateFunction {
  let validator: ValidateFunction | undefined;
  return () => {
    if (!validator) {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      validator = ajv.compile(schema);
    }
    return validator;
  };
}
