"""Facts in Vietnamese text: numbers, dates, money, names, codes and links.

``spans`` finds them and renders the English each must become; stages from cleaning to the
checks read them, so this package sits below the stages and imports none of them.
"""
