// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';
import { authKeys } from '../api/auth-keys';

const mock = setupMockServer();

describe('the session check', () => {
  it('is a page with its own level-one heading when the server cannot say who is signed in (a proxy answering 502)', async () => {
    mock.server.use(http.get('*/api/v1/auth/me', () => HttpResponse.json({ error: { code: 'INTERNAL', message: 'Bad gateway' } }, { status: 502 })));
    const { queryClient } = renderApp('/demo/mnist/artifacts');
    // As a page opened afresh: the session is asked for, not known from the test's setup.
    await act(() => queryClient.resetQueries({ queryKey: authKeys.me() }));
    await screen.findByRole('heading', { level: 1, name: 'Could not check your session' });
    // The only heading of the page, in its only main.
    const main = within(screen.getByRole('main'));
    expect(main.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(main.getByRole('alert')).toHaveTextContent('Attic cannot open the page until it knows who you are.');
    expect(main.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
