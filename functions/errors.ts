/// <reference types="custom-functions-runtime" />
import { ApiError } from '../client';
import { INPUT_ERROR_CODES, type ErrorCode } from '../contract';

/**
 * The errors the GRID functions give: #VALUE! for a wrong argument, #N/A for data that is not there
 * (or a backend that cannot be reached), each with a message that says what to do.
 */

export type ErrorKind = 'invalidValue' | 'notAvailable';

/** What Excel shows for each kind (the values of CustomFunctions.ErrorCode). */
export const ERROR_TEXT: Record<ErrorKind, string> = { invalidValue: '#VALUE!', notAvailable: '#N/A' };

/** The shape of CustomFunctions.Error: a code Excel displays and a message for the person. */
export interface FunctionError {
  code: string;
  message?: string;
}

/** Outside Excel (plain browser, tests) CustomFunctions is absent: this stands in for its Error class. */
export class StandInFunctionError extends Error implements FunctionError {
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message);
    this.name = 'FunctionError';
    this.code = code;
  }
}

/** The part of the CustomFunctions runtime gridcell uses. */
export interface CustomFunctionsRuntime {
  associate(id: string, fn: (...args: never[]) => unknown): void;
  Error: new (code: never, message?: string) => FunctionError;
  ErrorCode: Record<ErrorKind, string>;
}

export const STAND_IN_RUNTIME: CustomFunctionsRuntime = {
  associate: () => undefined,
  Error: StandInFunctionError,
  ErrorCode: ERROR_TEXT,
};

export function customFunctionsRuntime(): CustomFunctionsRuntime {
  const runtime = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return runtime?.Error && runtime.ErrorCode ? runtime : STAND_IN_RUNTIME;
}

export function functionError(kind: ErrorKind, message: string): FunctionError {
  const runtime = customFunctionsRuntime();
  return new runtime.Error(runtime.ErrorCode[kind] as never, message);
}

export function isFunctionError(value: unknown): value is FunctionError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FunctionError).code === 'string' &&
    Object.values(ERROR_TEXT).includes((value as FunctionError).code)
  );
}

const INPUT_CODES: readonly string[] = INPUT_ERROR_CODES;

/**
 * What to do, in the workbook's terms, after the API's own message. The API's messages say what
 * is wrong for every caller; this says where in Excel to act on it.
 */
export const EXCEL_ADVICE: Partial<Record<ErrorCode, string>> = {
  NEEDS_BACKFILL: 'Open the gridcell taskpane and use Backfill to load this range.',
  MISSING_KEY:
    "API keys are set where the gridcell server runs (its environment or ~/.gridcell/config.json); the taskpane's Markets list shows which are set.",
  NOT_CACHED: 'The gridcell server is running offline: restart it online to fetch these days.',
  UNKNOWN_LOCATION: 'GRID.LOCATIONS(market, "part of the name") lists the spellings.',
};

/**
 * Anything thrown while answering a formula, as an error Excel can show (never an unexplained one):
 * a failed API request is #VALUE! when the backend says the input is wrong, #N/A otherwise.
 */
export function asFunctionError(thrown: unknown): FunctionError {
  if (thrown instanceof ApiError) {
    const advice = EXCEL_ADVICE[thrown.code as ErrorCode];
    const message = advice ? `${thrown.message} ${advice}` : thrown.message;
    return functionError(INPUT_CODES.includes(thrown.code) ? 'invalidValue' : 'notAvailable', message);
  }
  if (isFunctionError(thrown)) return thrown;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return functionError('notAvailable', `gridcell failed unexpectedly: ${detail}`);
}
