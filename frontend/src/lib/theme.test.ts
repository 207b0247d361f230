import { afterEach, describe, expect, it } from 'vitest';
import { applyTheme, nextTheme, readTheme, saveTheme, subscribeTheme } from './theme';

const root = document.documentElement;

afterEach(() => {
  localStorage.clear();
  root.className = '';
});

describe('the colour theme', () => {
  it('follows the system until a choice is made: no class on <html>, nothing stored', () => {
    expect(readTheme()).toBe('system');
    applyTheme();
    expect(root.classList.contains('dark')).toBe(false);
    expect(root.classList.contains('light')).toBe(false);
  });

  it('puts a choice on <html> at once and remembers it for the next page load', () => {
    let heard = 0;
    const unsubscribe = subscribeTheme(() => heard++);
    saveTheme('dark');
    expect(root.classList.contains('dark')).toBe(true);
    expect(heard).toBe(1);

    root.className = ''; // a new page: main.tsx applies what was stored before rendering
    applyTheme();
    expect(root.classList.contains('dark')).toBe(true);

    saveTheme('light');
    expect([root.classList.contains('light'), root.classList.contains('dark')]).toEqual([true, false]);
    saveTheme('system');
    expect(root.className).toBe('');
    expect(localStorage.length).toBe(0);
    unsubscribe();
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem('taskflow:theme', 'sepia');
    expect(readTheme()).toBe('system');
  });

  it('cycles light → dark → system → light', () => {
    expect([nextTheme('light'), nextTheme('dark'), nextTheme('system')]).toEqual(['dark', 'system', 'light']);
  });
});
