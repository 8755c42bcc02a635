import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ScrollTable } from './ScrollTable';

describe('ScrollTable (tables usable at 390 px)', () => {
  it('scrolls its table sideways with the first cell of each row sticky on the paper background', async () => {
    await renderInTestApp(
      <div style={{ width: 390 }}>
        <ScrollTable>
          <table>
            <thead>
              <tr>
                <th>Service</th>
                <th>Lead time</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>payments-api</td>
                <td>36 h</td>
              </tr>
            </tbody>
          </table>
        </ScrollTable>
      </div>,
    );
    const wrapper = screen.getByTestId('scroll-table');
    expect(getComputedStyle(wrapper).overflowX).toBe('auto');

    for (const first of [
      screen.getByText('Service'),
      screen.getByText('payments-api'),
    ]) {
      const style = getComputedStyle(first);
      expect(style.position).toBe('sticky');
      expect(style.left).toBe('0px');
      expect(style.backgroundColor).not.toBe('');
    }
    const other = getComputedStyle(screen.getByText('36 h'));
    expect(other.position).not.toBe('sticky');
  });
});
