export function NotFound() {
  return (
    <div>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <a href="#/apps">Go to your Apps</a>.
      </p>
    </div>
  );
}
