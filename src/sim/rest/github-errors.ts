/**
 * Error bodies as GitHub writes them: `message`, `documentation_url` and, on current GitHub, the
 * status as a string.
 */
export interface ErrorBody {
  message: string;
  documentation_url?: string;
  status?: string;
  [key: string]: unknown;
}

const DOCS = 'https://docs.github.com/rest';

export function errorBody(status: number, message: string, documentationUrl = DOCS): ErrorBody {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export const notFound = (): ErrorBody => errorBody(404, 'Not Found');

export const badCredentials = (): ErrorBody => errorBody(401, 'Bad credentials');

export function primaryExceeded(subject: string, authenticated: boolean, requestId: string): ErrorBody {
  const goodNews = authenticated
    ? ''
    : " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)";
  return errorBody(
    403,
    `API rate limit exceeded for ${subject}.${goodNews} If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  );
}

export function secondaryExceeded(requestId: string): ErrorBody {
  return errorBody(
    403,
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  );
}

/** 422 on pages deeper than the endpoint serves (GitHub's wording for limited pagination). */
export function paginationLimited(): ErrorBody {
  return errorBody(
    422,
    'In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.',
    'https://docs.github.com/v3/#pagination',
  );
}

export function validationFailed(field: string, value: string): ErrorBody {
  return {
    message: 'Validation Failed',
    errors: [{ resource: 'Search', field, code: 'invalid', value }],
    documentation_url: DOCS,
    status: '422',
  };
}
