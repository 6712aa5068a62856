// print_button.js: a button that opens the browser's print dialog (the page's print stylesheet,
// ui/live/printing.py, leaves only the worksheet or the key on paper). No data is sent back.
export default function ({ data, parentElement }) {
  const button = parentElement.querySelector("button");
  button.textContent = data.label;          // our own words, as text
  button.onclick = () => window.print();
}
