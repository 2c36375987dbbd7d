/**
 * Builds the add-in into dist/: functions.js + functions.json (from the JSDoc in functions/functions.ts),
 * taskpane.html + taskpane.js (the shared runtime page, which also loads functions.js), the icons and
 * office.js from @microsoft/office-js (served by the backend itself: no CDN, works offline).
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const OFFICE_JS_UNUSED = [
  '**/*.debug.js',
  '**/*-vsdoc.js',
  '**/*.d.ts',
  '**/access-*',
  '**/onenote*',
  '**/outlook*',
  '**/powerpoint*',
  '**/project-*',
  '**/word*',
];

module.exports = (env, argv) => ({
  entry: {
    functions: './functions/functions.ts',
    taskpane: './addin/taskpane.ts',
  },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    clean: true,
  },
  devtool: argv.mode === 'production' ? false : 'source-map',
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } }],
  },
  plugins: [
    new CustomFunctionsMetadataPlugin({ input: './functions/functions.ts', output: 'functions.json' }),
    new HtmlWebpackPlugin({
      template: './addin/taskpane.html',
      filename: 'taskpane.html',
      chunks: ['functions', 'taskpane'],
      chunksSortMode: 'manual',
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: 'assets/*.png', to: 'assets/[name][ext]' },
        { from: 'addin/taskpane.css', to: 'taskpane.css' },
        // uPlot's own stylesheet (cursor, legend, selection), as the package ships it.
        { from: require.resolve('uplot/dist/uPlot.min.css'), to: 'uplot.min.css' },
        {
          from: '**/*',
          context: path.dirname(require.resolve('@microsoft/office-js/package.json')) + '/dist',
          to: 'office-js/',
          globOptions: { ignore: OFFICE_JS_UNUSED },
          info: { minimized: true }, // already minified: keep terser off these 15 MB
        },
      ],
    }),
  ],
  performance: { hints: false },
});
